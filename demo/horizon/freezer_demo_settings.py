# Horizon settings for the demo and the dashboard tests: Debian's openstack-dashboard with the
# Freezer panels (python3-freezer-web-ui), pointed at a Keystone and a freezer-api on loopback.
# Everything comes from the environment, set by demo/horizon.sh; /etc/openstack-dashboard is
# read (Debian's settings module always reads it) but nothing there needs changing.
import os

from openstack_dashboard.settings import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
OPENSTACK_KEYSTONE_URL = os.environ['FREEZER_DASHBOARD_KEYSTONE_URL']
with open(os.environ['FREEZER_DASHBOARD_SECRET_KEY_FILE']) as key_file:
    SECRET_KEY = key_file.read().strip()
# Sessions in signed cookies and a process-local cache: no database or memcached to run.
SESSION_ENGINE = 'django.contrib.sessions.backends.signed_cookies'
CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}
# Unset: the panels find freezer-api in the Keystone catalog (service name `freezer`), as in a
# cloud. Set: they use this URL (freezer-web-ui's FREEZER_API_URL), as the tests do for a
# second API beside the catalog's.
if os.environ.get('FREEZER_DASHBOARD_API_URL'):
    FREEZER_API_URL = os.environ['FREEZER_DASHBOARD_API_URL']
# Users land on the Freezer Jobs list: Horizon's default home, the project overview, needs
# Nova. freezer-web-ui's own Jobs index fails under Django 3.2 (README, "The dashboard");
# a page named after no job lists every job.
HORIZON_CONFIG['user_home'] = '/disaster_recovery/all'
