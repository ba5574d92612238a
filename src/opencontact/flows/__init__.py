"""The Amazon Connect Flow language: flow documents, their validation and the default flows.

A flow is JSON in the Flow language (``Version`` "2019-10-30", ``StartAction``, ``Actions``).
This package reads it into a typed model (:mod:`.document`), knows every action type and its
parameters (:mod:`.catalog`), says why a flow cannot be published (:mod:`.validation`) and
ships the flows every new instance gets (:mod:`.default_flows`). The interpreter
(:mod:`.interpreter`, :mod:`.paths`, :mod:`.actions`) runs a flow on a contact as far as it can
without the outside world, against the contract in :mod:`.run`; the engine does the rest.
"""
