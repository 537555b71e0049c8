"""Review screens, one module per concern:

- `page`: the reviewers' queue and the IDD under review, with its comments;
- `steps`: the workflow's steps (submit, take into review, decide, withdraw, new revision);
- `comments`: adding, answering and resolving comments;
- `revisions`: approved revisions, their comparison and their PDFs;
- `history`: the History tab, every change beside everything said and decided.

Views parse input, call `idd.services.review` / `idd.services.comments` and render;
every view checks on the server who may see or do what.
"""
