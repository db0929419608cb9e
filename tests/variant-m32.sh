#!/bin/sh
exec sh "${srcdir:-.}/tests/variant.sh" m32
