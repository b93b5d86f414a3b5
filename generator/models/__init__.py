"""One pydantic model per kind of source file; each field's docstring says what it means."""

from .content import Bank, GlossaryFile, ModuleHead, Question, RolesFile
from .policy import Policy

__all__ = ["Bank", "GlossaryFile", "ModuleHead", "Policy", "Question", "RolesFile"]
