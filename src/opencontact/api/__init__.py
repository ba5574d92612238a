"""The edges: HTTP interfaces that translate between outside formats and the domain."""
