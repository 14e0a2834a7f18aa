# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
"""Contains endpoint functions for accessing the API"""
