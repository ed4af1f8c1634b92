"""Messages shown where the user is.

After a change the page often opens at a section further down (``#partners``); a
message at the top of the page would be out of view. :func:`done` tags the message with
its section, base.html leaves it out of the top, and the section shows it
(web/_section_messages.html), so the confirmation is where the eye lands.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect


def done(request: HttpRequest, text: str, url: str, section: str) -> HttpResponseRedirect:
    """Say ``text`` in ``section`` of the page at ``url``, and open the page there."""
    messages.success(request, text, extra_tags=f"section-{section}")
    return HttpResponseRedirect(f"{url}#{section}")
