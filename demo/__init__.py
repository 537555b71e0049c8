"""Demo data and benchmarks, kept out of the domain app `idd` (which never imports this
one): the fictional scenario (`demo.scenario`, loaded by `manage.py seed_demo`), the
large reference IDD of the export benchmark (`demo.large_initiative`) and the commands
`seed_demo`, `bench_export` and `bench_pages`."""
