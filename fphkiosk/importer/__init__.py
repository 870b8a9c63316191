"""`fphkiosk import`: a PDF (a PowerPoint saved as PDF) becomes an ordinary, editable deck."""
