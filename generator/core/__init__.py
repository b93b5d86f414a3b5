"""What every pipeline reads: sources, checks, roster, work days, the published quiz contract. No MkDocs, no Jinja2."""
