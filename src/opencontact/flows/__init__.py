"""The Amazon Connect Flow language: flow documents, their validation and the default flows.

A flow is JSON in the Flow language (``Version`` "2019-10-30", ``StartAction``, ``Actions``).
This package reads it into a typed model (:mod:`.document`), knows every action type and its
parameters (:mod:`.catalog`), says why a flow cannot be published (:mod:`.validation`) and
ships the flows every new instance gets (:mod:`.default_flows`). Running flows belongs to the
interpreter, which comes later and builds on the model here.
"""
