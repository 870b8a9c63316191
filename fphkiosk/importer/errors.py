"""Why a PDF or PowerPoint could not be imported: typed errors carrying a message key."""

from __future__ import annotations

from fphkiosk.core.deck_errors import Translate
from fphkiosk.core.file_errors import FileProblem


class ImportProblem(FileProblem):
    """A source or destination the import cannot use; nothing has been written."""

    area = "import"
    code = "failed"


class SourceMissing(ImportProblem):
    code = "source_missing"


class NotAPdf(ImportProblem):
    code = "not_a_pdf"


class CorruptPdf(ImportProblem):
    code = "corrupt_pdf"


class EncryptedPdf(ImportProblem):
    code = "encrypted_pdf"


class EmptyPdf(ImportProblem):
    code = "empty_pdf"


class AbsurdPageSize(ImportProblem):
    """A page too small, too large or too thin to project (params: page, width and height in cm)."""

    code = "absurd_page"


class UnreadablePptx(ImportProblem):
    code = "unreadable_pptx"


class OutNotEmpty(ImportProblem):
    code = "out_not_empty"


class OutIsAFile(ImportProblem):
    code = "out_is_file"


class OutUnwritable(ImportProblem):
    """The destination's folder is missing, read-only or full (param: reason, a message key)."""

    code = "out_unwritable"


def problem_message(tr: Translate, problem: ImportProblem) -> str:
    """The user's message for *problem*: numbers written the language's way, reasons translated."""
    params = dict(problem.params)
    decimal = tr("import.decimal_separator")
    for name, value in params.items():
        if isinstance(value, float):
            params[name] = f"{value:.1f}".replace(".", decimal)
    if "reason" in params:
        params["reason"] = tr(str(params["reason"]))
    return tr(problem.key, **params)
