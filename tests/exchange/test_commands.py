import json

import pytest
from django.core.management import CommandError, call_command

from idd.models import Initiative
from tests import factories
from tests.exchange.builders import full_initiative

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_then_import_prints_what_was_done(tmp_path):
    initiative = full_initiative(title="Harbor patrol")
    file = tmp_path / "harbor.json"
    said = run("export_initiative", str(initiative.pk), "-o", str(file))
    assert said == f"Wrote “Harbor patrol” (initiative {initiative.pk}) to {file}\n"
    assert json.loads(file.read_text())["initiative"]["title"] == "Harbor patrol"
    said = run("import_initiative", str(file))
    imported = Initiative.objects.exclude(pk=initiative.pk).get()
    assert said == (
        f"Imported “Harbor patrol” as initiative {imported.pk} (owner "
        f"{initiative.owner.username}, Approved): 2 partner deliverables, 3 U.S. inputs, "
        "1 yearly objectives, 1 risks, 2 review comments, 1 approved revisions.\n"
    )


def test_import_names_the_stand_in_and_the_new_partner(tmp_path):
    data = json.loads(run("export_initiative", str(full_initiative().pk)))
    data["initiative"]["owner"] = "someone-elsewhere"
    data["initiative"]["partner"]["country"] = "Novaterra"
    file = tmp_path / "moved.json"
    file.write_text(json.dumps(data))
    factories.planner(username="importer")
    said = run("import_initiative", str(file), "--owner", "importer")
    assert said.splitlines()[:2] == [
        "No user here is called “someone-elsewhere”: importer stands in for them.",
        "Created the partner “Novaterra”, not known here before.",
    ]
    assert "(owner importer, Approved)" in said


def test_a_bad_file_is_a_command_error_listing_every_problem(tmp_path):
    data = json.loads(run("export_initiative", str(full_initiative().pk)))
    data["initiative"]["deliverables"][0]["due_quarter"] = 7
    data["initiative"]["risks"][0]["impact"] = 0
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data))
    count = Initiative.objects.count()
    with pytest.raises(CommandError) as refused:
        run("import_initiative", str(file))
    assert str(refused.value).splitlines() == [
        f"Nothing was imported: {file} has 2 problem(s):",
        "  initiative.risks[0].impact: Value 0 is not a valid choice.",
        "  initiative.deliverables[0].due_quarter: Value 7 is not a valid choice.",
    ]
    assert Initiative.objects.count() == count


def test_missing_files_users_and_initiatives_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nothing.json: No such file"):
        run("import_initiative", str(tmp_path / "nothing.json"))
    with pytest.raises(CommandError, match="No user here is called “ghost” \\(--owner\\)"):
        run("import_initiative", str(tmp_path / "nothing.json"), "--owner", "ghost")
    with pytest.raises(CommandError, match="No initiative has the id 999"):
        run("export_initiative", "999")
