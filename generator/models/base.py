from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Unknown fields are mistakes (usually typos), so they are refused, not ignored."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
"""An identifier used by other files: lower-case letters, digits and underscores."""

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
"""A module or bank id, also its file name: lower-case letters, digits and hyphens."""

Text = Annotated[str, Field(min_length=1)]
"""Non-empty text."""

Percent = Annotated[float, Field(ge=0, le=100)]
"""A percentage from 0 to 100."""
