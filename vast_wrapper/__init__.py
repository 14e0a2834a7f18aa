"""Typed client for Vast.ai's instance and serverless-worker API."""
