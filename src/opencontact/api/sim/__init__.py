"""The simulated carrier's HTTP API, mounted at `/sim`: what the `/phone` page, tutorials and
tests use to play the customers and outside parties of the simulated phone network."""

from opencontact.api.sim.app import ContactLookup, sim_api

__all__ = ["ContactLookup", "sim_api"]
