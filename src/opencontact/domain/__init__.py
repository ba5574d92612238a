"""The pure contact-center domain: instances and their configuration (users, security profiles,
agent statuses, queues, routing profiles, quick connects, hours of operation, flows, phone
numbers) and the rules that keep them consistent. Standard library and pure libraries only."""
