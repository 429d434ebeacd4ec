"""Undecorated consumers in the styles real Channels projects use, each with the messages a
human documenting it by hand would write down (``EXPECTED``: class name → messages).

A message is ``(direction, name)``: ``receive`` for a client action, ``send`` for a frame the
server sends. Frames without a discriminator are named after their first (or telling) key.

A module may also say what inference misses (``MISSED``) and what it finds but the document
cannot carry (``LEFT_OUT``), each with the reason; the tests hold inference to exactly that.
"""
