"""Forms of the guided IDD form, one module per step group (see idd.guided_form.steps)."""
