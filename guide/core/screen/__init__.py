"""Reading screenshots: the OCR worker process, grouping its boxes into lines, matching
lines to the glossary and finding which walkthrough step a screenshot shows."""
