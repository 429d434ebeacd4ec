"""Running the PREPROCESSING_HOOKS and POSTPROCESSING_HOOKS with errors naming the hook."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .settings import SETTINGS_NAME

__all__ = ["run_postprocessing", "run_preprocessing"]


def _name(hook: Any) -> str:
    module = getattr(hook, "__module__", None)
    name = getattr(hook, "__qualname__", None) or repr(hook)
    return f"{module}.{name}" if module else name


def _call(key: str, index: int, hook: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return hook(*args, **kwargs)
    except Exception as exc:
        raise ValueError(
            f"{SETTINGS_NAME}[{key!r}][{index}] ({_name(hook)}) raised {type(exc).__name__}: {exc}"
        ) from exc


def run_preprocessing(
    hooks: Iterable[Callable[..., Any]], endpoints: list[Any], convert: Callable[[Any], Any]
) -> list[Any]:
    """Each hook gets the endpoints and must return a list (or tuple) of them (``convert``ed)."""
    for index, hook in enumerate(hooks):
        result = _call("PREPROCESSING_HOOKS", index, hook, endpoints)
        if not isinstance(result, list | tuple):
            raise ValueError(
                f"{SETTINGS_NAME}['PREPROCESSING_HOOKS'][{index}] ({_name(hook)}) must return "
                f"the list of (consumer, path) endpoints, not {type(result).__name__}."
            )
        endpoints = [convert(item) for item in result]
    return endpoints


def run_postprocessing(
    hooks: Iterable[Callable[..., Any]], spec: dict[str, Any], generator: Any
) -> dict[str, Any]:
    """Each hook gets ``result=spec, generator=...`` and must return the (changed) dict."""
    for index, hook in enumerate(hooks):
        result = _call("POSTPROCESSING_HOOKS", index, hook, result=spec, generator=generator)
        if not isinstance(result, dict):
            raise ValueError(
                f"{SETTINGS_NAME}['POSTPROCESSING_HOOKS'][{index}] ({_name(hook)}) must return "
                f"the document dict (return result), not {type(result).__name__}."
            )
        spec = result
    return spec
