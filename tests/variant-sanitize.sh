#!/bin/sh
exec sh "${srcdir:-.}/tests/variant.sh" sanitize
