/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-body.h"
#include "wb-csv-writer.h"
#include "wb-locale.h"
#include "wb-match-workflow.h"
#include "wb-monitor.h"
#include "wb-policy.h"
#include "wb-problem.h"
#include "wb-record.h"
#include "wb-schema.h"
#include "wb-validate.h"
