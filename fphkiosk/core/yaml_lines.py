"""YAML loading that remembers the line of every mapping key, for errors that point at a line."""

from __future__ import annotations

from typing import Any

import yaml


class LineMap(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key (1-based, in its file)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, detail: str):
        super().__init__(detail)
        self.line = line
        self.detail = detail


def _make_loader(first_line: int) -> type[yaml.SafeLoader]:
    class _Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineMap:
        loader.flatten_mapping(node)
        result = LineMap()
        result.line = node.start_mark.line + first_line
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            result[str(key)] = loader.construct_object(value_node, deep=True)
            result.key_lines[str(key)] = key_node.start_mark.line + first_line
        return result

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)

    # Dates and times stay text: a deck's "date: 2023-11-21" is shown, not computed with.
    def construct_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
        return str(loader.construct_scalar(node))

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_text)
    return _Loader


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse *text*, whose first line is line *first_line* of its file."""
    try:
        return yaml.load(text, Loader=_make_loader(first_line))
    except yaml.MarkedYAMLError as exc:
        # A scanner error (an unclosed quote, say) is best fixed where its context began; a parser
        # error where the problem was found.
        if isinstance(exc, yaml.scanner.ScannerError):
            mark = exc.context_mark or exc.problem_mark
        else:
            mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark is not None else 0) + first_line
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(line, detail) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(first_line, str(exc)) from exc
