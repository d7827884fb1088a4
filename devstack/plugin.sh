#!/bin/bash
#
# devstack/plugin.sh: the freezer-cpp plugin's dispatcher. Devstack sources it, inside its own
# shell, as `source plugin.sh <mode> [phase]` (stack.sh, unstack.sh, clean.sh), after
# devstack/settings. The work is done by the functions of lib/freezer-api and
# lib/freezer-scheduler.

# Save trace setting
_XTRACE_FREEZER_PLUGIN=$(set +o | grep xtrace)
set +o xtrace

FREEZER_PLUGIN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# freezer_when_enabled SERVICE SUMMARY FUNCTION...: the functions, in order, when SERVICE is
# enabled.
function freezer_when_enabled {
    local service=$1 summary=$2 step
    shift 2
    is_service_enabled "$service" || return 0
    echo_summary "$summary"
    for step in "$@"; do
        "$step"
    done
}

if is_service_enabled freezer-api freezer-scheduler; then
    # The libraries are sourced once per shell (stack.sh runs every stack phase in one).
    if ! declare -F install_freezer_cpp >/dev/null; then
        source "$FREEZER_PLUGIN_DIR/lib/freezer-api"
        source "$FREEZER_PLUGIN_DIR/lib/freezer-scheduler"
    fi
    freezer_cpp_resolve_paths

    if [[ "$1" == "stack" && "$2" == "pre-install" ]]; then
        # devstack has installed files/debs/freezer-cpp by now
        echo_summary "Checking freezer-cpp's build prerequisites"
        freezer_check_prerequisites

    elif [[ "$1" == "stack" && "$2" == "install" ]]; then
        echo_summary "Building and installing freezer-cpp"
        install_freezer_cpp
        freezer_when_enabled freezer-api "Installing python-freezerclient" install_freezer_cpp_client

    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        freezer_when_enabled freezer-api "Configuring freezer-api" \
            configure_freezer_api create_freezer_accounts
        freezer_when_enabled freezer-scheduler "Configuring freezer-scheduler" \
            configure_freezer_cpp_scheduler

    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        freezer_when_enabled freezer-api "Initializing and starting freezer-api" \
            init_freezer_api start_freezer_api
        freezer_when_enabled freezer-scheduler "Starting freezer-scheduler" start_freezer_cpp_scheduler

    elif [[ "$1" == "stack" && "$2" == "test-config" ]]; then
        freezer_when_enabled tempest "Configuring tempest for freezer" configure_freezer_tempest
    fi

    if [[ "$1" == "unstack" ]]; then
        stop_freezer_cpp_scheduler
        stop_freezer_api
    fi

    if [[ "$1" == "clean" ]]; then
        cleanup_freezer_cpp_scheduler
        cleanup_freezer_api
    fi
fi

# Restore xtrace
$_XTRACE_FREEZER_PLUGIN
