"""Sphinx extension ``channels_spectacular.sphinx``: the ``.. asyncapi::`` directive."""
