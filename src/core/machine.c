/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Machine-wide requests (see machine.h). */
#include "machine.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t host_signal;

static void on_signal(int signo)
{
    host_signal = signo;
}

void machine_catch_signals(void)
{
    static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
        sigaction(signals[i], &sa, NULL);
    }
}

int machine_host_signal(void)
{
    return host_signal;
}

void machine_request_exit(Machine *m, int code)
{
    if (!m->exit_requested) {
        m->exit_requested = true;
        m->exit_code = code;
    }
}
