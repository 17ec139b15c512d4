"""Turning laadesk into something a Government Office officer installs: see installers/README.md."""
