/** The module-path consumer: nothing but the v2 module (and the fake to talk to). */
module consumer {
    requires dev.imagesdk.v2;
    requires dev.imagesdk.fake;
}
