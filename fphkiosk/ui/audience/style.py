"""Audience mode's style sheet: the slides' calm colours, big type, large touch targets."""

from __future__ import annotations

from fphkiosk.ui.theme import Palette

ERROR_COLOUR = "#A3200B"
SAVED_COLOUR = "#1B6B3A"
WARNING_COLOUR = "#9A5B00"


def audience_style(p: Palette, family: str) -> str:
    """The window's style sheet: the slide theme's calm colours, big type, large targets."""
    return f"""
QWidget {{ font-family: "{family}"; font-size: 24px; color: {p.text}; }}
#audience, QDialog, QScrollArea, QScrollArea > QWidget > QWidget {{ background: {p.background}; }}
#header {{ background: {p.section_background}; border-bottom: 2px solid {p.rule}; }}
QLabel[role="title"] {{ font-size: 36px; font-weight: bold; }}
QLabel[role="headline"] {{ font-size: 52px; font-weight: bold; color: {p.accent}; }}
QLabel[role="question"] {{ font-size: 34px; font-weight: bold; }}
QLabel[role="muted"] {{ font-size: 26px; color: {p.muted}; }}
QLabel[role="caption"], QLabel[role="connection"] {{ font-size: 20px; color: {p.muted}; }}
QLabel[role="small"] {{ font-size: 16px; color: {p.muted}; }}
QLabel[role="note"] {{ font-size: 22px; color: {p.muted}; font-style: italic; }}
QLabel[role="error"] {{ font-size: 22px; font-weight: bold; color: {ERROR_COLOUR}; }}
QLabel[role="status"] {{ font-size: 24px; color: {p.muted}; }}
QLabel[role="status"][state="saved"] {{ color: {SAVED_COLOUR}; font-weight: bold; }}
QLabel[role="status"][state="error"] {{ color: {ERROR_COLOUR}; font-weight: bold; }}
QLabel[role="progress"] {{ font-size: 28px; font-weight: bold; color: {p.accent}; }}
QLabel[role="prompt_best"] {{ font-size: 26px; font-weight: bold; color: {p.accent}; }}
QLabel[role="prompt_worst"] {{ font-size: 26px; font-weight: bold; color: {p.second_accent}; }}
QLabel[role="pin"] {{ font-size: 48px; min-height: 64px; }}
QLabel[role="row_strong"] {{ font-weight: bold; color: {p.accent}; }}
QLabel[role="dot"] {{ border-radius: 9px; background: {p.muted}; }}
QLabel[role="dot"][state="connected"] {{ background: {SAVED_COLOUR}; }}
QLabel[role="dot"][state="reconnecting"] {{ background: {WARNING_COLOUR}; }}
QLabel[role="connection"][state="reconnecting"] {{ color: {WARNING_COLOUR}; font-weight: bold; }}
QPushButton {{
    font-size: 26px; padding: 10px 28px; border-radius: 14px;
    border: 2px solid {p.box_border}; background: #FFFFFF; color: {p.text};
}}
QPushButton[role="choice"], QPushButton[role="best"], QPushButton[role="worst"],
QPushButton[role="review"] {{ text-align: left; }}
QPushButton[role="review"] {{ font-size: 20px; }}
QPushButton:checked {{ background: {p.accent}; color: {p.accent_text}; border-color: {p.accent}; }}
QPushButton[role="worst"]:checked {{
    background: {p.second_accent}; border-color: {p.second_accent};
}}
QPushButton[role="primary"] {{
    background: {p.accent}; color: {p.accent_text}; border-color: {p.accent}; font-weight: bold;
}}
QPushButton[role="secondary"] {{ background: {p.accent_soft}; }}
QPushButton:disabled {{
    background: {p.section_background}; color: {p.muted}; border-color: {p.rule};
}}
QPushButton[role="quit"] {{
    font-size: 18px; background: transparent; border: none; color: {p.muted}; padding: 4px 12px;
}}
QLineEdit {{
    font-size: 30px; padding: 6px 16px; border: 2px solid {p.box_border}; border-radius: 10px;
    background: #FFFFFF;
}}
QScrollBar:vertical {{
    width: 18px; background: {p.section_background}; border: none; border-radius: 9px;
}}
QScrollBar::handle:vertical {{ background: {p.box_border}; border-radius: 9px; min-height: 64px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QProgressBar {{
    background: {p.accent_soft}; border: none; border-radius: 8px; min-height: 28px;
    max-height: 28px; min-width: 240px;
}}
QProgressBar::chunk {{ background: {p.box_border}; border-radius: 8px; }}
QProgressBar[highlighted="true"]::chunk {{ background: {p.accent}; }}
"""
