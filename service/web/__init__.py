"""The web layer: blueprints named after the domain, Jinja pages in Russian, the JSON API."""
