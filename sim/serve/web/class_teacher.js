// The teacher's class panel (attune serve --class): shown only on the teacher's page.
'use strict';
