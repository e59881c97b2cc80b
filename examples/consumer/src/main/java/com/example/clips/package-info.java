/** An example service that follows video jobs with sora-status, wired with Guice. */
package com.example.clips;
