"""The handbook site: the one package that knows MkDocs and Jinja2."""
