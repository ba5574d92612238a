"""The engine: the single writer of each instance's state. Commands run one at a time, in
arrival order; their changes are made durable, then applied in memory, then announced."""
