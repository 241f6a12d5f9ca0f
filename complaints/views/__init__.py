"""Views of the complaints app, one module per subject: complaints, the
review desk, reconsideration requests, comment cards and incidents.

Each view is form -> policy -> one service or selector -> render.
"""
