# The WSGI entry point of the demo's Horizon: Debian's wsgi.py with its settings module fixed
# to openstack_dashboard.settings, so this one names the demo's.
import os

os.environ['DJANGO_SETTINGS_MODULE'] = 'freezer_demo_settings'

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
