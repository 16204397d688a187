"""The Screenshot page: the picture, its lines and the OCR worker's client."""
