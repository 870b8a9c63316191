"""Audience mode: the participant's kiosk window on a tablet and its pages."""
