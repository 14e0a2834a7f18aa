# Generated from openapi/vast.yaml by openapi-python-client; do not edit.
# Regenerate with: make generate (config: openapi/generator.yaml).
"""A client library for accessing Vast.ai API (instances and serverless workers)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
