"""Readers and writers of the formats a corpus comes in and a dataset goes out in."""
