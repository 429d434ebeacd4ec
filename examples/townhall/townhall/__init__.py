"""Townhall: consumers written the way real Channels projects write them, documented as they are."""
