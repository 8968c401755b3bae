#!/bin/sh
# /usr/bin/budget-desk: starts the application installed under /opt/budget-desk.
exec /opt/budget-desk/budget-desk "$@"
