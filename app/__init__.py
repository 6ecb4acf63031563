"""Notulen Timpora: minutes of Timpora meetings, recorded offline and printed in Indonesian."""

__version__ = "0.1.0"
APP_NAME = "Notulen Timpora"
