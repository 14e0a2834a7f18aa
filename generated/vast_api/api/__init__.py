# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
"""Contains methods for accessing the API"""
