"""Telephony: the carrier port and the simulated carrier behind it.

The carrier is where phone numbers come from and where calls enter and leave the contact
center. By default it is simulated inside the server (a virtual PSTN whose numbers and callers
are simulated parties); a real media server can take its place later behind the same port, so
nothing above it may assume simulation. :mod:`.inventory` holds the numbers the simulated
carrier offers for claiming.
"""
