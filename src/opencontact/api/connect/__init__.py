"""The Amazon Connect API (REST-JSON, SigV4), served at the server root.

Requests are routed, parsed and validated against botocore's own service model for Connect;
the handlers in `operations/` translate between Connect's wire shapes and the domain.
"""
