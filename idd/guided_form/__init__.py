"""The guided form's own logic: its steps in order (`steps`) and the three-way merge of a
form's fields after a conflicting save (`merge`). Its forms are in `idd.forms`, its pages
in `idd.views.guided_form`."""
