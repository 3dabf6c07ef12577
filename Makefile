# The two commands of the README: `make run` and `make test`; `make loadtest`
# for the production mode.
.PHONY: run test lint venv db stop reset bench bench-autoclose loadtest cluster-test mutation readme dist wheel-test upgrade-test screenshots help

help:
	@echo "make run    set everything up and serve the suite on a demo database"
	@echo "            (WORKERS=3: prefork mode, as in production)"
	@echo "make test   lint, pure-Python tests, the Odoo suite and the OCA peer suites"
	@echo "            (MODULES=a,b: those suite modules only)"
	@echo "make lint   the static checks only"
	@echo "make bench  the four suite modules against bare helpdesk_mgmt, each figure beside"
	@echo "            its goal (issue 17): creation, portal form, email, crons, /my/tickets;"
	@echo "            creation, email and portal form also on the suite's dependencies alone"
	@echo "            (BENCH_ARGS=\"--quick\": small sizes; --only create,http,...)"
	@echo "make bench-autoclose  cost of the autoclose cron with 20,000 and 100,000 open tickets"
	@echo "make loadtest  load and fault test of a multi-worker server"
	@echo "            (CLIENTS=20 EMAILS=30 WORKERS=3 LOADTEST_PORT=8240)"
	@echo "make cluster-test  two Odoo nodes behind HAProxy, real IMAP and SMTP,"
	@echo "            crons on both nodes, a node killed, PostgreSQL restarted"
	@echo "            (root; CLIENTS=8 WORKERS=2 CLUSTER_DURATION=90 CLUSTER_PORT=8310)"
	@echo "make mutation  mutation testing of the suite modules' pure tools/"
	@echo "make dist  the suite modules as wheels (odoo-addon-NAME) and a source archive, in dist/"
	@echo "make wheel-test  install the wheels in a fresh venv and a new database, run their tests"
	@echo "            (part of make test; WHEEL_TESTS=none: the install only)"
	@echo "make upgrade-test  upgrade a database filled at an older commit, compare; uninstall each module"
	@echo "make readme  regenerate README.rst and index.html;  make screenshots  from make run's server"
	@echo "make reset  drop the demo database;  make stop  stop the database cluster"
	@echo "make db     start the database cluster;  make venv  create .venv"

run:
	@scripts/run.sh

test:
	@scripts/test.sh

lint: venv
	@scripts/lint.sh

venv:
	@scripts/venv.sh

db:
	@scripts/db.sh

stop:
	@scripts/db.sh stop

reset:
	@scripts/reset.sh

# Own databases without demo data (bare helpdesk_mgmt, and with the four
# suite modules), reused while nothing changed; BENCH_ARGS="--quick",
# "--repeats 3 --only create,crons" ... (tests/benchmarks/bench.py)
bench: venv db
	@tests/benchmarks/run.sh $(BENCH_ARGS)

bench-autoclose: venv db
	@bash -c 'source scripts/env.sh && PYTHONPATH=$$ODOO_HOME $$VENV/bin/python \
		tests/benchmarks/bench_autoclose_cron.py -c $$(runtime_conf 8069) -d $$DEMO_DB'

loadtest:
	@scripts/loadtest.sh

cluster-test:
	@scripts/cluster-test.sh

readme: venv
	@bash -c 'source scripts/env.sh && $$VENV/bin/python scripts/addon_readme.py'

dist:
	@scripts/dist.sh

wheel-test: venv db
	@scripts/wheel_test.sh

upgrade-test: venv db
	@scripts/upgrade_test.sh

screenshots:
	@scripts/screenshots.sh

mutation: venv
	@scripts/mutation.sh
