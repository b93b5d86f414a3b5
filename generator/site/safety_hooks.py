"""MkDocs hooks of every build and of ``handbook serve``: sanitise what was rendered, make titles
plain text, and put the Content-Security-Policy on every page (see ``sanitise.py``).

Loaded by MkDocs from this file's path (``engine.SAFETY_HOOKS``), so it imports absolutely.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from generator.site.sanitise import clean_page, from_the_site, plain_title, retitle, with_csp


@event_priority(-1)  # after the theme's offline plugin (priority 0), which adds a script from another host
def on_config(config):
    """The site loads nothing from another host: scripts the theme would fetch from elsewhere
    (the offline build's worker shim) are left out; the Content-Security-Policy would block them."""
    config.extra["polyfills"] = [url for url in config.extra.get("polyfills", []) if from_the_site(url)]
    return config


def on_nav(nav, config, files):
    """Titles of the navigation are shown by the theme as they are: made plain text."""
    retitle(nav.items)
    return nav


def on_page_content(html, page, config, files):
    """The page's HTML after Markdown, sanitised; its title and table of contents made plain (a
    page outside the navigation takes its title from its first heading)."""
    if page.title:
        page.title = plain_title(page.title)
    retitle(page.toc.items if page.toc else [])
    return clean_page(html)


def on_post_page(output, page, config):
    return with_csp(output)


def on_post_template(output_content, template_name, config):
    """Pages made from a template alone (404.html) get the policy too; the sitemap is not HTML."""
    return with_csp(output_content) if template_name.endswith(".html") else output_content
