"""MkDocs plugin ``channels-spectacular`` (module ``channels_spectacular.mkdocs``)."""
