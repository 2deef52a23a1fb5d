/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Machine-wide requests (see machine.h). */
#include "machine.h"

void machine_request_exit(Machine *m, int code)
{
    if (!m->exit_requested) {
        m->exit_requested = true;
        m->exit_code = code;
    }
}
