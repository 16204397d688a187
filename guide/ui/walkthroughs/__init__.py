"""The walkthrough list and the step player with its pictures."""
