"""`python -m opencontact` is the `opencontact` command."""

from opencontact.cli import main

main()
