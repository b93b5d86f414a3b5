from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt


class Strict(BaseModel):
    """Unknown fields are mistakes (usually typos), so they are refused, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
"""An identifier used by other files: lower-case letters, digits and underscores."""

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
"""A module or bank id, also its file name: lower-case letters, digits and hyphens."""

Text = Annotated[str, Field(min_length=1)]
"""Non-empty text."""

Percent = Annotated[StrictFloat, Field(ge=0, le=100)]
"""A percentage from 0 to 100."""

# Numbers typed in the curriculum are numbers: YAML reads ``yes`` as true, and pydantic would
# otherwise take true for 1 (``pass_mark: yes`` would pass with one point); ``.inf`` and ``.nan``
# are refused, since no count or duration of the policy is infinite.
Count = Annotated[StrictInt, Field(ge=0)]
"""A whole number, 0 or more."""
PositiveCount = Annotated[StrictInt, Field(gt=0)]
"""A whole number, 1 or more."""
PositiveAmount = Annotated[StrictFloat, Field(gt=0, allow_inf_nan=False)]
"""A finite number above 0 (hours, minutes, points), whole or not."""
